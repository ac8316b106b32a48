import type { KnownValue } from '../env/known-values'
import type { AssembledValue } from '../scan/assembled'
import type { SourceLine } from '../shared/line-index'

/**
 * Known secrets held in parts by several modules (`export const head = '…'` in one, `head + '…'`
 * in another) and joined at run time: no module puts the whole value together where its syntax
 * tree shows it, yet the parts cover it end to end. Each becomes a value put together from those
 * parts, found where the longest of them ships.
 */
export function splitAcrossModules(secrets: KnownValue[], runs: Array<{ text: string; source: SourceLine }>): AssembledValue[] {
  return secrets.flatMap(known => {
    const parts = runs.filter(run => run.text.length < known.value.length && known.value.includes(run.text))
    if (parts.length < 2) return []
    const covered = new Uint8Array(known.value.length)
    for (const { text } of parts) covered.fill(1, known.value.indexOf(text), known.value.indexOf(text) + text.length)
    if (covered.includes(0)) return []
    const longest = parts.reduce((a, b) => (b.text.length > a.text.length ? b : a))
    return [{ known, source: longest.source, pieces: parts.map(part => ({ literal: part.text, start: 0 })) }]
  })
}
