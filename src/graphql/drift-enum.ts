import { builder } from './builder.js';

/**
 * A GraphQL enum over Jump's lower-case values. `known` maps every value Jump is documented to send
 * (plus aliases from the other documentation generation) to the enum's value, for `EnumDrift`.
 */
export function driftEnum<V extends string>(
  name: string,
  values: readonly V[],
  description: string,
  aliases: Record<string, V> = {},
) {
  const ref = builder.enumType(name, {
    description: `${description} An unknown value from Jump reads as null here; the \`…Raw\` field has it as sent.`,
    values: Object.fromEntries(values.map((value) => [value.toUpperCase(), { value }])) as Record<
      Uppercase<V>,
      { value: V }
    >,
  });
  const known: Record<string, V> = { ...aliases };
  for (const value of values) {
    known[value] = value;
  }

  return { ref, known };
}
