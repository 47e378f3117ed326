import { rateLimited } from './errors'
import type { ClientIdentity } from './http/client-address'
import { TokenBucketLimiter } from './rate-limit'

/** How many of one thing the relayer pays for: from one address, one subnet, and everyone together. */
export type BudgetLimits = { perClient: number; perSubnet: number; global: number }

/** One bucket of a budget: which limiter, how a caller is keyed in it, and how a refusal names it. */
type Tier = { limiter: TokenBucketLimiter; key: (who: BudgetCaller) => string; refusal: string }

export type BudgetCaller = ClientIdentity & { accountId?: string }

export type BudgetOptions = {
  /** What is counted, for the refusal: "signed requests", "account creations". */
  what: string
  limits: BudgetLimits
  /** The limits' unit. */
  per: 'minute' | 'hour'
  /** An extra tier per account id (signed requests): one account cannot crowd out the others. */
  perAccount?: number
  now: () => number
}

/**
 * A budget the relayer spends on behalf of callers, in tiers: per account (optional), per client
 * address, per subnet (/24 or /64: one operator's many addresses), and global (what the relayer
 * pays in all, whoever asks). A caller is admitted only when every tier has room, and only then
 * is a token taken from each, so a refusal by one tier never spends another's.
 */
export class Budget {
  readonly #tiers: Tier[]

  constructor({ what, limits, per, perAccount, now }: BudgetOptions) {
    const limiter = (limit: number) => new TokenBucketLimiter(per === 'minute' ? { perMinute: limit, now } : { perHour: limit, now })
    const rate = (limit: number) => `at most ${limit} ${per === 'minute' ? 'a minute' : 'an hour'}`
    this.#tiers = [
      ...(perAccount === undefined ? [] : [{ limiter: limiter(perAccount), key: (who: BudgetCaller) => who.accountId ?? '', refusal: `Too many ${what} for this account (${rate(perAccount)})` }]),
      { limiter: limiter(limits.perClient), key: (who) => who.address, refusal: `Too many ${what} from this address (${rate(limits.perClient)})` },
      { limiter: limiter(limits.perSubnet), key: (who) => who.subnet, refusal: `Too many ${what} from this network (${rate(limits.perSubnet)} from one /24 or /64)` },
      { limiter: limiter(limits.global), key: () => 'global', refusal: `The relayer is taking no more ${what} from anyone for now (${rate(limits.global)} in all)` },
    ]
  }

  /** Throws 429 `RATE_LIMITED`, naming the tier and when to retry, unless every tier has room. Takes nothing. */
  check(who: BudgetCaller): void {
    for (const tier of this.#tiers) {
      const decision = tier.limiter.check(tier.key(who))
      if (!decision.allowed) throw rateLimited(tier.refusal, decision.retryAfterMs)
    }
  }

  /** Takes one from every tier, or throws as `check` does, taking nothing. */
  spend(who: BudgetCaller): void {
    this.check(who)
    for (const tier of this.#tiers) tier.limiter.take(tier.key(who))
  }
}
