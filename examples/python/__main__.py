"""The upload service's own IAM user: write access to uploads/ of one bucket, keys kept in
rotation with the previous one held while the service moves to the new one."""

import pulumi
import pulumi_iam_bucket_access as iam_bucket_access

uploads = iam_bucket_access.BucketAccessUser(
    "uploads",
    bucket="acme-uploads",
    user_name="acme-uploads-writer",
    access=iam_bucket_access.AccessLevel.WRITE,
    prefixes=["uploads/"],
    list_all_buckets=False,
    console=iam_bucket_access.ConsoleSettingsArgs(enabled=False),
    access_key=iam_bucket_access.AccessKeySettingsArgs(generation=2, keep_previous=True),
)

pulumi.export("access_key_id", uploads.access_key_id)
pulumi.export("secret_access_key", uploads.secret_access_key)
pulumi.export("previous_access_key_id", uploads.previous_access_key_id)
