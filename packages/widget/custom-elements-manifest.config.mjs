// custom-elements.json is generated from the JSDoc on each *.component.ts. The analyzer also
// guesses events from dispatchEvent() calls and attributes from every Lit property; the JSDoc
// is the contract, so this plugin keeps only documented events and non-internal attributes.
export default {
  globs: ['src/**/*.component.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'ccl-documented-api-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (!declaration.customElement) continue
            declaration.events = (declaration.events ?? []).filter((event) => event.name?.startsWith('ccl-') && event.description)
            const internal = new Set((declaration.members ?? []).filter((member) => member.privacy === 'private' || member.privacy === 'protected').map((member) => member.name))
            declaration.attributes = (declaration.attributes ?? []).filter((attribute) => !internal.has(attribute.fieldName))
            // ES private members (#name) are not API.
            declaration.members = (declaration.members ?? []).filter((member) => !member.name?.startsWith('#'))
          }
        }
      },
    },
  ],
}
