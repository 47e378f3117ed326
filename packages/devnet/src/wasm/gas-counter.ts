/**
 * The gas of one call, as nearcore's `GasCounter` keeps it: gas burnt (spent here) and gas used
 * (burnt plus gas attached to the promises the call creates). Burning past the limit stops the
 * call with `GasExceeded` (prepaid gas) or `GasLimitExceeded` (the protocol's per-call cap) and
 * leaves the burnt gas at the limit, never above what was paid for.
 *
 * Amounts are JavaScript numbers: every limit is at most 10^15 gas, well inside 2^53, and a charge
 * beyond 2^53 cannot fit under any limit, so it fails the same way nearcore's u64 arithmetic does.
 */
import { hostError } from './errors'
import { type ActionCost, type ExtCost, type Fee, actionFees, extCosts } from './protocol-parameters'

/** 2^64: a sum or product this large overflows nearcore's checked u64 arithmetic. */
const u64Overflow = 2 ** 64

export class GasCounter {
  private burnt = 0
  private promises = 0
  /** What may be burnt: the smaller of the cap and what prepaid gas leaves after promises. */
  private limit: number
  /** Gas burnt per host-function cost and per action, for the outcome's profile. */
  readonly profile: Record<string, number> = {}
  /** The sum of `profile`: what is not in it was burnt by wasm instructions. */
  private profiled = 0

  constructor(
    private readonly maxGasBurnt: number,
    private readonly prepaidGas: number,
    private readonly isView: boolean,
  ) {
    this.limit = Math.min(maxGasBurnt, prepaidGas)
  }

  get burntGas(): number {
    return this.burnt
  }

  get usedGas(): number {
    return this.burnt + this.promises
  }

  /** Prepaid gas not yet used: what the wasm code may still spend. */
  get remainingGas(): number {
    return Math.max(0, this.prepaidGas - this.usedGas)
  }

  /** Burns gas with no promise involved (host-function costs, wasm instructions). */
  burn(gas: number): void {
    const burnt = this.burnt + gas
    if (burnt >= u64Overflow) throw hostError({ type: 'IntegerOverflow' })
    if (burnt <= this.limit) {
      this.burnt = burnt
      return
    }
    this.exceed(burnt, burnt + this.promises)
  }

  payBase(cost: ExtCost): void {
    this.charge(cost, extCosts[cost])
  }

  payPer(cost: ExtCost, count: number): void {
    const gas = extCosts[cost] * count
    if (gas >= u64Overflow) throw hostError({ type: 'IntegerOverflow' })
    this.charge(cost, gas)
  }

  private charge(cost: string, gas: number): void {
    const before = this.burnt
    try {
      this.burn(gas)
    } finally {
      this.record(cost, this.burnt - before)
    }
  }

  private record(cost: string, gas: number): void {
    this.profile[cost] = (this.profile[cost] ?? 0) + gas
    this.profiled += gas
  }

  /** Gas burnt by wasm instructions (and the legacy `gas` import): all that is not in the profile. */
  get wasmGas(): number {
    return this.burnt - this.profiled
  }

  /**
   * Charges an action of a new receipt: `burn` now (the send fee), `use` reserved in all (the send
   * fee and the fee the receipt pays when it executes).
   */
  payAction(action: ActionCost, burn: number, use: number): void {
    const before = this.burnt
    try {
      this.deduct(burn, use)
    } finally {
      this.record(action, this.burnt - before)
    }
  }

  /** Reserves gas attached to a function call of a new receipt. */
  prepay(gas: number): void {
    this.deduct(0, gas)
  }

  private deduct(burnGas: number, useGas: number): void {
    const promises = this.promises + (useGas - burnGas)
    const burnt = this.burnt + burnGas
    const used = burnt + promises
    if (promises >= u64Overflow || used >= u64Overflow) throw hostError({ type: 'IntegerOverflow' })
    if (burnt <= this.maxGasBurnt && used <= this.prepaidGas) {
      if (useGas !== burnGas && !this.isView) this.limit = Math.min(this.maxGasBurnt, this.prepaidGas - promises)
      this.burnt = burnt
      this.promises = promises
      return
    }
    this.exceed(burnt, used)
  }

  /** nearcore's `process_gas_limit`: burn up to the hard limit, keep what promises fit, and stop. */
  private exceed(burnt: number, used: number): never {
    const hardLimit = Math.min(this.prepaidGas, this.maxGasBurnt)
    this.burnt = Math.min(burnt, hardLimit)
    this.promises = Math.max(0, Math.min(this.prepaidGas, used) - this.burnt)
    throw hostError({ type: burnt > this.maxGasBurnt ? 'GasLimitExceeded' : 'GasExceeded' })
  }
}

/** The send fee of an action: `sir` when the receipt goes to the account that sends it. */
export const sendFee = (fee: Fee, sir: boolean): number => (sir ? fee.sendSir : fee.sendNotSir)

/** Charges an action's base fee (nearcore's `pay_action_base`). */
export function payActionBase(gas: GasCounter, action: ActionCost, sir: boolean): void {
  const fee = actionFees[action]
  const burn = sendFee(fee, sir)
  gas.payAction(action, burn, burn + fee.execution)
}

/** Charges an action's per-byte fee (nearcore's `pay_action_per_byte`). */
export function payActionPerByte(gas: GasCounter, action: ActionCost, bytes: number, sir: boolean): void {
  const fee = actionFees[action]
  const burn = sendFee(fee, sir) * bytes
  gas.payAction(action, burn, burn + fee.execution * bytes)
}
