/**
 * The classic-script build (`<script src=".../crosschain-lending.iife.js">`): loads the ES
 * module published beside it, so a page that cannot add `type="module"` gets the same element.
 * Under a Content-Security-Policy, the origin serving both files must be in `script-src`.
 */
const script = document.currentScript as HTMLScriptElement | null
const base = script?.src ?? location.href
import(/* @vite-ignore */ new URL('crosschain-lending.js', base).href).catch((error: unknown) => {
  console.error('[crosschain-lending] could not load crosschain-lending.js from beside the classic script.', error)
})
