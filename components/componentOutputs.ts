/** How a component's outputs are exported by a stack: one object, by output name. */

/**
 * The component's output fields by name, those it does not have (of a feature or trust it
 * lacks) left out rather than exported as empty.
 */
export function presentOutputs<C, N extends keyof C & string>(
  component: C,
  names: readonly N[],
): Pick<C, N> {
  const outputs: Partial<Pick<C, N>> = {};
  for (const name of names) {
    if (component[name] !== undefined) {
      outputs[name] = component[name];
    }
  }
  return outputs as Pick<C, N>;
}
