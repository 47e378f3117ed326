/**
 * The shape of every text message a wallet signs for this product: the role on the first line,
 * a warning, then one fact a line. The first line differs per role, so no role's bytes are
 * another's, and a person reading their wallet's prompt sees first what they are signing.
 */
export function readableMessage(title: string, warning: string, facts: readonly string[]): string {
  return [`CrossChain Lending: ${title}`, '', warning, '', ...facts].join('\n')
}
