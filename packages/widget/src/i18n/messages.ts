import { type WalletChain, walletChainNames } from '@crosschain-lending/protocol'
import type { OperationType } from '@crosschain-lending/protocol/messenger'

/**
 * Every text the element shows, by key. Sentences that take values are functions, so word order
 * stays the translator's choice. Add a language by writing another `Messages` object.
 */
export type Messages = {
  lang: string
  /** The product rule, shown word for word in English whatever the language, then translated. */
  bindWarningTranslation: string | null
  operations: Record<OperationType, { name: string; hint: string }>
  tablistLabel: string
  form: {
    asset: string
    amount: string
    max: string
    available: (amount: string, asset: string) => string
    /** Borrow's available amount, saying what caps it. */
    availableToBorrow: (amount: string, asset: string, cappedBy: 'collateral' | 'pool') => string
    asCollateral: string
    direction: string
    toCollateral: string
    toSupplied: string
    chain: string
    recipient: string
    toBoundWallet: (address: string) => string
    noBoundWalletOn: (chain: string) => string
    toOtherAddress: string
    otherAddressNote: string
    addressPlaceholder: string
    checkingAddress: string
    addressValid: (address: string) => string
    review: string
    reviewing: string
    unavailableUnbound: string
    healthBefore: string
    healthAfter: string
    noDebt: string
    previewing: string
  }
  amountErrors: {
    required: string
    invalid: string
    tooManyDecimals: (decimals: number) => string
    zero: string
    tooLarge: (max: string, asset: string) => string
  }
  position: {
    title: string
    empty: string
    asset: string
    balance: string
    supplied: string
    collateral: string
    borrowed: string
    rates: (supply: string, borrow: string) => string
    healthFactor: string
    borrowLimit: (limit: string, debt: string) => string
  }
  history: {
    title: string
    empty: string
    final: string
    pending: string
    submitting: string
    describe: (summary: { type: string; amount?: string; asset?: string; chain?: string; address?: string }) => string
  }
}

/** A long address as people scan it: its start and its end. */
export const shortAddress = (address: string) => (address.length > 16 ? `${address.slice(0, 8)}…${address.slice(-6)}` : address)
/** A chain as people read it ("EVM", "Solana", "NEAR", "Stellar"); the history holds the chain's id ("evm"). */
export const chainName = (chain: string | undefined) => (chain && Object.hasOwn(walletChainNames, chain) ? walletChainNames[chain as WalletChain] : (chain ?? ''))

export const en: Messages = {
  lang: 'en',
  bindWarningTranslation: null,
  operations: {
    supply: { name: 'Supply', hint: 'Move deposited assets into the pool to earn interest or back a loan.' },
    repay: { name: 'Repay', hint: 'Pay back what you borrowed from your deposited balance.' },
    adjust: { name: 'Adjust', hint: 'Move assets between supplied and collateral. Nothing leaves your account.' },
    borrow: { name: 'Borrow', hint: 'Borrow against your collateral and receive the asset on another chain.' },
  },
  tablistLabel: 'Lending operations',
  form: {
    asset: 'Asset',
    amount: 'Amount',
    max: 'Max',
    available: (amount, asset) => `Available: ${amount} ${asset}`,
    availableToBorrow: (amount, asset, cappedBy) =>
      cappedBy === 'pool' ? `Available: ${amount} ${asset}, all the pool has to lend now` : `Available: ${amount} ${asset}, as much as your collateral allows`,
    asCollateral: 'Use as collateral',
    direction: 'Move',
    toCollateral: 'From supplied to collateral',
    toSupplied: 'From collateral to supplied',
    chain: 'Receive on',
    recipient: 'Recipient',
    toBoundWallet: (address) => `Your bound wallet ${shortAddress(address)}`,
    noBoundWalletOn: (chain) => `No wallet bound on ${chain}`,
    toOtherAddress: 'Another address',
    otherAddressNote: 'Another address needs a second confirmation and your bound wallet’s co-signature.',
    addressPlaceholder: 'Address on the chosen chain',
    checkingAddress: 'Checking the address…',
    addressValid: (address) => `Valid address: ${address}`,
    review: 'Review in wallet',
    reviewing: 'Confirm in the wallet…',
    unavailableUnbound: 'Bind a wallet first. Supply and Borrow open once an external wallet is bound, so you can recover the account.',
    healthBefore: 'Health factor now',
    healthAfter: 'After',
    noDebt: 'no debt',
    previewing: 'Working out the effect…',
  },
  amountErrors: {
    required: 'Enter an amount.',
    invalid: 'Write the amount as a number, such as 12.5.',
    tooManyDecimals: (decimals) => `At most ${decimals} decimal places.`,
    zero: 'The amount must be more than zero.',
    tooLarge: (max, asset) => `At most ${max} ${asset}.`,
  },
  position: {
    title: 'Your position',
    empty: 'Nothing deposited yet. Deposit assets to your account from another chain to start.',
    asset: 'Asset',
    balance: 'Balance',
    supplied: 'Supplied',
    collateral: 'Collateral',
    borrowed: 'Borrowed',
    rates: (supply, borrow) => `Supply APR ${supply} · Borrow APR ${borrow}`,
    healthFactor: 'Health factor',
    borrowLimit: (limit, debt) => `Borrow limit $${limit} · Debt $${debt}`,
  },
  history: {
    title: 'Activity',
    empty: 'No requests yet.',
    final: 'Done',
    pending: 'Waiting for the relayer',
    submitting: 'On its way',
    describe: ({ type, amount, asset, chain, address }) => {
      switch (type) {
        case 'supply':
          return `Supply ${amount} ${asset}`
        case 'repay':
          return `Repay ${amount} ${asset}`
        case 'adjust':
          return `Adjust ${amount} ${asset}`
        case 'borrow':
          return `Borrow ${amount} ${asset} to ${chainName(chain)} ${shortAddress(address ?? '')}`
        case 'add_wallet':
          return `Bind ${chainName(chain)} wallet ${shortAddress(address ?? '')}`
        case 'remove_wallet':
          return `Remove ${chainName(chain)} wallet ${shortAddress(address ?? '')}`
        case 'add_passkey':
          return 'Add a passkey'
        case 'remove_passkey':
          return 'Remove a passkey'
        default:
          return type
      }
    },
  },
}
