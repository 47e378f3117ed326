import { describe, expect, it } from 'vitest'
import { embedderRefusal } from '../src/embedder-check'

const allowed = ['http://127.0.0.1:5173', 'https://shop.example']

describe('the wallet checks who embeds it', () => {
  it('behavior: a parent on the allowlist may use the wallet', () => {
    expect(embedderRefusal(['https://shop.example'], allowed)).toBeUndefined()
    expect(embedderRefusal(['http://127.0.0.1:5173', 'https://evil.example'], allowed)).toBeUndefined()
  })

  it('error: a parent not on the allowlist is refused, naming it', () => {
    expect(embedderRefusal(['https://evil.example'], allowed)).toMatch(/https:\/\/evil.example\) is not allowed/)
    expect(embedderRefusal(['null'], [...allowed, 'null'])).toMatch(/not allowed/)
  })

  it('behavior: where the browser does not report embedders, frame-ancestors and the gate decide', () => {
    expect(embedderRefusal(undefined, allowed)).toBeUndefined()
    expect(embedderRefusal([], allowed)).toBeUndefined()
  })
})
