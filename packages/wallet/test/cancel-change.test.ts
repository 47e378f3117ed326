import { BaseError, ErrorCode } from '@crosschain-lending/protocol'
import type { WalletState } from '@crosschain-lending/protocol/messenger'
import { beforeEach, describe, expect, it } from 'vitest'
import { type User, World, config, partnerOrigin, securityPeriodMs } from '../../contract/test/world'
import { cancelPendingChange } from '../src/access/cancel-change'
import type { AccountRecord } from '../src/chain/lending-reads'
import type { Confirmation } from '../src/confirmations'

function signedIn(user: User): Extract<WalletState, { status: 'signed-in' }> {
  return {
    status: 'signed-in',
    rpId: config.rpId,
    passkey: { credentialId: user.passkey.credentialId, publicKey: user.passkey.publicKey, rpId: config.rpId },
    account: { id: user.accountId, bound: true, wallets: [], passkeys: [] },
  }
}

describe('cancelling a pending change: checked against the chain before the person is asked anything', () => {
  let world: World
  let user: User
  let shown: Confirmation[]
  const account = () => world.contract.getAccount({ account_id: user.accountId }, world.now) as AccountRecord

  /** Cancels as `signer`; the person declines at the confirmation, so what is checked is everything before it. */
  const cancelAs = (signer: User, target: Parameters<typeof cancelPendingChange>[0]) =>
    cancelPendingChange(target, {
      config,
      state: signedIn(signer),
      account: account(),
      hostOrigin: partnerOrigin,
      approve: async (step, confirmation) => {
        expect(step).toBe('cancelPendingChange')
        shown.push(confirmation)
        throw new BaseError({ code: ErrorCode.UserRejected, shortMessage: 'declined' })
      },
      deliver: async () => {
        throw new Error('nothing may be delivered in these tests')
      },
      now: world.now,
    })

  beforeEach(async () => {
    world = new World()
    user = world.createUser()
    await world.bind(user, 'evm')
    world.tick(securityPeriodMs + 1)
    shown = []
  })

  it("behavior: the account's own passkey may cancel a wallet bound after it: the confirmation names the wallet, the time left and the signer", async () => {
    const second = await world.bind(user, 'evm')
    world.tick(60 * 1000)
    await expect(cancelAs(user, { wallet: { chain: 'evm', address: second.address } })).rejects.toMatchObject({ code: 'USER_REJECTED' })
    expect(shown).toHaveLength(1)
    expect(shown[0]).toMatchObject({ title: 'Cancel a pending change', confirmLabel: 'Remove it with passkey', cancelLabel: 'Keep it' })
    expect(shown[0]!.lines).toContainEqual({ label: 'Remove', value: `the new EVM wallet ${second.address}` })
    expect(shown[0]!.lines.find((line) => line.label === 'Added')?.value).toContain('(full access in 47 h 59 min)')
  })

  it('error: a wallet past its security period is no longer a pending change; only a bound wallet removes it (ACTION_NOT_ALLOWED), before anything is shown', async () => {
    await expect(cancelAs(user, { wallet: { chain: 'evm', address: user.wallets[0]!.address } })).rejects.toMatchObject({
      code: 'ACTION_NOT_ALLOWED',
      shortMessage: expect.stringContaining('past its security period'),
    })
    expect(shown).toEqual([])
  })

  it('error: a passkey added after the change cannot cancel it (ACTION_NOT_ALLOWED), as the contract would refuse', async () => {
    const second = await world.bind(user, 'evm')
    world.tick(1000)
    const device = world.newPasskey()
    await world.execute(await world.sign(user, { wallet: user.wallets[0]! }, [{ type: 'add_passkey', passkey: { credentialId: device.credentialId, publicKey: device.publicKey } }]))
    await expect(cancelAs({ ...user, passkey: device }, { wallet: { chain: 'evm', address: second.address } })).rejects.toMatchObject({
      code: 'ACTION_NOT_ALLOWED',
      shortMessage: expect.stringContaining('was added after the new EVM wallet'),
    })
    // Nor can it cancel itself by this path; the older passkey can cancel it.
    await expect(cancelAs({ ...user, passkey: device }, { passkey: device.credentialId })).rejects.toMatchObject({ code: 'ACTION_NOT_ALLOWED' })
    expect(shown).toEqual([])
    await expect(cancelAs(user, { passkey: device.credentialId })).rejects.toMatchObject({ code: 'USER_REJECTED' })
  })

  it('error: a wallet or passkey the account does not have is refused (UNKNOWN_SIGNER)', async () => {
    await expect(cancelAs(user, { passkey: 'not-a-credential' })).rejects.toMatchObject({ code: 'UNKNOWN_SIGNER' })
    await expect(cancelAs(user, { wallet: { chain: 'evm', address: '0x0000000000000000000000000000000000000001' } })).rejects.toMatchObject({ code: 'UNKNOWN_SIGNER' })
  })
})
