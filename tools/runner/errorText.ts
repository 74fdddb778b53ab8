/** An error as one line of a tool's output: its message, or the thrown value itself as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
