/** How the guard names itself in every report and message. */
export const NAME = 'amplitude-key-guard'

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

/** The plugin's name in every bundler, as build errors and overlays show it. */
export const PLUGIN_NAME = `unplugin-${NAME}`
