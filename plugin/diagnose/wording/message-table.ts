// A message table: one template per code of a union of facts, checked by the compiler to cover
// every code. The templates stay readable in the source, one sentence each.
export type MessageTable<Fact extends { code: string }> = {
  [Code in Fact['code']]: (fact: Extract<Fact, { code: Code }>) => string;
};

/** The fact in words, by its code's template. */
export function say<Fact extends { code: string }>(table: MessageTable<Fact>, fact: Fact): string {
  const template = table[fact.code as Fact['code']] as (fact: Fact) => string;
  return template(fact);
}
