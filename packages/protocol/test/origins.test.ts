import { describe, expect, it } from 'vitest'
import { isOriginAllowed, parseOrigin } from '../src/origins'
import { assertRpIdFor } from '../src/rp-id'

describe('origins', () => {
  it('behavior: canonical http(s) origins parse to themselves; a trailing slash is tolerated', () => {
    expect(parseOrigin('https://wallet.example.com')).toBe('https://wallet.example.com')
    expect(parseOrigin('http://localhost:5174/')).toBe('http://localhost:5174')
    expect(parseOrigin('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173')
  })

  it.each([
    ['not a url', /is not a URL/],
    ['ftp://example.com', /uses ftp:/],
    ['javascript:alert(1)', /uses javascript:/],
    ['https://user:pw@example.com', /contains credentials/],
    ['https://example.com/path', /has a path/],
    ['https://example.com?q=1', /has a path, query/],
    ['https://example.com#x', /has a path, query or fragment/],
    ['HTTPS://Example.com', /canonical form \(https:\/\/example.com\)/],
    ['https://example.com:443', /canonical form/],
  ])('error: %s is refused with INVALID_ORIGIN', (input, message) => {
    expect(() => parseOrigin(input)).toThrowError(expect.objectContaining({ code: 'INVALID_ORIGIN', shortMessage: expect.stringMatching(message) }))
  })

  it('behavior: allowlists match exactly, and the opaque origin "null" never matches', () => {
    const list = ['https://a.example', 'http://127.0.0.1:5173']
    expect(isOriginAllowed('https://a.example', list)).toBe(true)
    expect(isOriginAllowed('https://a.example:443', list)).toBe(false)
    expect(isOriginAllowed('https://b.a.example', list)).toBe(false)
    expect(isOriginAllowed('http://127.0.0.1:5174', list)).toBe(false)
    expect(isOriginAllowed('null', [...list, 'null'])).toBe(false)
  })
})

describe('RP IDs', () => {
  it('behavior: the host name or a parent domain is a valid RP ID', () => {
    expect(() => assertRpIdFor('localhost', 'localhost')).not.toThrow()
    expect(() => assertRpIdFor('example.com', 'wallet.example.com')).not.toThrow()
    expect(() => assertRpIdFor('wallet.localhost', 'wallet.localhost')).not.toThrow()
  })

  it.each([
    ['127.0.0.1', '127.0.0.1', /IP address/],
    ['[::1]', '[::1]', /IP address/],
    ['', 'localhost', /empty/],
    ['other.com', 'wallet.example.com', /parent domain/],
    ['ample.com', 'wallet.example.com', /parent domain/],
    ['Example.com', 'example.com', /lower case/],
  ])('error: RP ID %j on %s is refused with INVALID_RP_ID', (rpId, host, message) => {
    expect(() => assertRpIdFor(rpId, host)).toThrowError(expect.objectContaining({ code: 'INVALID_RP_ID', shortMessage: expect.stringMatching(message) }))
  })
})
