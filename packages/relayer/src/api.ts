import type { IncomingMessage } from 'node:http'
import { parseSignedRequest } from '@crosschain-lending/protocol'
import { type AccountCreator, parseCreateAccountRequest } from './accounts'
import type { Budget } from './budgets'
import type { RelayerConfig } from './config'
import { invalidHttpRequest } from './errors'
import type { HealthCheck } from './health'
import { readJsonBody } from './http/body'
import type { ClientIdentity } from './http/client-address'
import { Router } from './http/router'
import type { RequestSubmitter } from './submitter'

export type ApiContext = { request: IncomingMessage; client: ClientIdentity }

export type ApiDependencies = {
  config: RelayerConfig
  health: HealthCheck
  submitter: RequestSubmitter
  accounts: AccountCreator
  /** Signed requests: per account, client, subnet and in all. */
  requestBudget: Budget
  /** Account creations the relayer pays for: per client, subnet and in all. */
  accountBudget: Budget
}

const requestIdPattern = /^[0-9a-f]{64}$/

/** The relayer's HTTP API: JSON in, JSON out. Errors are thrown and rendered by the server. */
export function createApi({ config, health, submitter, accounts, requestBudget, accountBudget }: ApiDependencies): Router<ApiContext> {
  return new Router<ApiContext>()
    .add('POST', /^\/v1\/requests$/, async ({ request, client }) => {
      const signed = parseSignedRequest(await readJsonBody(request, config.maxBodyBytes))
      // After parsing (malformed input costs no budget), before any check that reads the chain.
      requestBudget.spend({ ...client, accountId: signed.fields.accountId })
      const result = await submitter.submit(signed, client)
      // 202: the chain has the transaction but did not report it final in time; poll the status.
      return { status: result.status === 'final' ? 200 : 202, body: result }
    })
    .add('GET', /^\/v1\/requests\/([^/]+)$/, async (_context, [id = '']) => {
      if (!requestIdPattern.test(id)) throw invalidHttpRequest('A request id is the 64 lowercase hex digits of sha256(payload).')
      return { status: 200, body: await submitter.status(id) }
    })
    .add('POST', /^\/v1\/accounts$/, async ({ request, client }) => {
      const parsed = parseCreateAccountRequest(await readJsonBody(request, config.maxBodyBytes))
      // Refused for free when the budget is spent; charged only when a transaction is due, so
      // asking again for an account that exists (the wallet retrying) costs a view and no budget.
      accountBudget.check(client)
      const result = await accounts.create(parsed, { beforeTransaction: () => accountBudget.spend(client) })
      return { status: result.created ? 201 : 200, body: result }
    })
    .add('GET', /^\/health$/, () => health.reply())
}
