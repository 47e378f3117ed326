/**
 * Registers: blobs the host hands the contract (input, account ids, storage values, hashes) without
 * copying them into its memory until it asks, as nearcore's `Registers` keep them, with the same
 * charges and limits (at most 100 registers, 100 MiB each, 1 GiB together counting 8 bytes per
 * register).
 */
import { hostError } from './errors'
import type { GasCounter } from './gas-counter'
import { limits } from './protocol-parameters'

export class Registers {
  private readonly registers = new Map<bigint, Uint8Array>()
  private totalMemoryUsage = 0

  /** A register's content, charging its read; `InvalidRegisterId` when it is unset. */
  get(gas: GasCounter, id: bigint): Uint8Array {
    const data = this.registers.get(id)
    if (!data) throw hostError({ type: 'InvalidRegisterId', registerId: id })
    gas.payBase('read_register_base')
    gas.payPer('read_register_byte', data.length)
    return data
  }

  length(id: bigint): number | undefined {
    return this.registers.get(id)?.length
  }

  /**
   * Sets a register. `chargeBytes` is false for data the host already holds (the input, promise
   * results), which nearcore does not charge per byte.
   */
  set(gas: GasCounter, id: bigint, data: Uint8Array, chargeBytes = true): void {
    gas.payBase('write_register_base')
    if (chargeBytes) gas.payPer('write_register_byte', data.length)
    if (data.length > limits.maxRegisterSize) throw hostError({ type: 'MemoryAccessViolation' })
    // nearcore refuses a 101st register even when the write would replace an existing one.
    if (this.registers.size >= limits.maxNumberRegisters) throw hostError({ type: 'MemoryAccessViolation' })
    const previous = this.registers.get(id)
    const usage = this.totalMemoryUsage - (previous ? previous.length + 8 : 0) + data.length + 8
    if (usage > limits.registersMemoryLimit) throw hostError({ type: 'MemoryAccessViolation' })
    this.totalMemoryUsage = usage
    this.registers.set(id, data)
  }
}
