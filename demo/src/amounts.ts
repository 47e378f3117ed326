/** `12.5` of an asset with `decimals` decimals, in its smallest unit; undefined when it is not a positive decimal that fits. */
export function toUnits(text: string, decimals: number): string | undefined {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text.trim())
  if (!match) return undefined
  const fraction = match[2] ?? ''
  if (fraction.length > decimals) return undefined
  const units = BigInt(match[1]! + fraction.padEnd(decimals, '0'))
  return units > 0n ? units.toString() : undefined
}

/** Smallest units back to a readable decimal. */
export function fromUnits(units: string, decimals: number): string {
  const padded = units.padStart(decimals + 1, '0')
  const whole = padded.slice(0, padded.length - decimals)
  const fraction = padded.slice(padded.length - decimals).replace(/0+$/, '')
  return fraction ? `${whole}.${fraction}` : whole
}
