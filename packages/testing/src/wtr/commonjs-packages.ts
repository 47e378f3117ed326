import { createRequire } from 'node:module'
import type { TestRunnerPlugin } from '@web/test-runner'

/**
 * Serves CommonJS/UMD-only packages (`@stellar/freighter-api` ships only a UMD build) as ES
 * modules in the @web/test-runner dev server, which does not convert them as bundlers do. The
 * module runs unchanged against a local `module.exports`; its export names are read by loading
 * it once in Node, so named imports work as they do after esbuild or Vite.
 */
export function commonjsPackagesPlugin(packages: readonly string[]): TestRunnerPlugin {
  const require = createRequire(`${process.cwd()}/`)
  const names = new Map<string, string[]>()
  const exportNames = (file: string) => {
    let known = names.get(file)
    if (!known) {
      known = Object.keys(require(file) as object).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default')
      names.set(file, known)
    }
    return known
  }
  return {
    name: 'ccl-commonjs-packages',
    transform(context) {
      const path = decodeURIComponent(context.path)
      if (!packages.some((name) => path.includes(`/node_modules/${name}/`)) || typeof context.body !== 'string') return undefined
      const file = path.startsWith('/__wds-outside-root__/') ? undefined : `${process.cwd()}${path}`
      if (!file) return undefined
      const exported = exportNames(file)
      return {
        body: [
          'const module = { exports: {} }; const exports = module.exports;',
          context.body,
          `const __cjs = module.exports; export default __cjs;`,
          ...exported.map((name) => `export const ${name} = __cjs.${name};`),
        ].join('\n'),
      }
    },
  }
}
