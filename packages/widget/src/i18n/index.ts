import { es } from './es'
import { type Messages, en } from './messages'
import { languageOf } from './status'

export type { Messages }

const languages: Readonly<Record<string, Messages>> = { en, es }

/** The lending UI's messages for `lang` (a BCP 47 tag such as `es-MX`); English when the element does not speak it. */
export function messagesFor(lang: string | null | undefined): Messages {
  return languages[languageOf(lang)] ?? en
}
