import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const componentDir = path.join(import.meta.dirname, '../src/components/crosschain-lending')
const sources = readdirSync(componentDir).map((file) => readFileSync(path.join(componentDir, file), 'utf8'))
const jsdoc = readFileSync(path.join(componentDir, 'crosschain-lending.component.ts'), 'utf8')
const tagged = (tag: string) => new Set([...jsdoc.matchAll(new RegExp(`@${tag} (\\S+) - `, 'g'))].map((match) => match[1]!))

describe('the element’s documented styling API (custom-elements.json is generated from it)', () => {
  it('behavior: every part the element renders is documented with @csspart, and every documented part is rendered', () => {
    const rendered = new Set(sources.flatMap((source) => [...source.matchAll(/part="([^"$]+)"/g)].flatMap((match) => match[1]!.split(/\s+/))))
    // Parts written by expression (tab vs tab-selected) are listed where they are built.
    for (const source of sources) for (const match of source.matchAll(/'(tab(?:-selected)?)'/g)) rendered.add(match[1]!)
    expect([...rendered].sort()).toEqual([...tagged('csspart')].sort())
  })

  it('behavior: every --ccl-* token the styles read is documented with @cssproperty', () => {
    const base = readFileSync(path.join(import.meta.dirname, '../src/internal/base-element.ts'), 'utf8')
    const read = new Set([...base.matchAll(/var\((--ccl-[a-z-]+)/g)].map((match) => match[1]!))
    expect([...read].sort()).toEqual([...tagged('cssproperty')].sort())
  })
})
