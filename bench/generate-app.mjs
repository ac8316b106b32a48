// Writes a large, deterministic client app for the build benchmarks: feature folders loaded
// by dynamic import, each with components, services, stores, data tables and utilities,
// plus modules that track events and read flags through the real Amplitude SDKs.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { BENCH_KEYS } from './keys.mjs'

/** Modules per 1× app; features split them into lazily loaded chunks. */
export const MODULES_PER_SCALE = 2000
const MODULES_PER_FEATURE = 100
const SHARED_MODULES = 100

/** mulberry32: the same app on every machine and every run. */
function random(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = (
  'account order invoice cart product user profile session report chart filter search ' +
  'payment shipment address review rating comment message thread team project task ' +
  'calendar event booking coupon discount wishlist catalog inventory warehouse supplier ' +
  'subscription plan billing receipt refund ticket support setting theme locale banner'
).split(' ')
const VERBS = 'load save update remove format parse validate render select toggle merge compute'.split(' ')
const capital = word => word[0].toUpperCase() + word.slice(1)

function makers(next) {
  const pick = list => list[Math.floor(next() * list.length)]
  const int = (low, high) => low + Math.floor(next() * (high - low))
  const name = () => pick(WORDS) + capital(pick(WORDS))
  const sentence = () => Array.from({ length: int(4, 12) }, () => pick(WORDS)).join(' ')
  return { pick, int, name, sentence }
}

function component(m, id, imports) {
  const entity = m.name()
  const fields = Array.from({ length: m.int(4, 9) }, () => m.name())
  return `${imports}
const CLASS_PREFIX = 'c-${entity}-${id}'

function field${id}(label, value, options = {}) {
  const tone = options.highlight ? 'is-highlighted' : value == null ? 'is-empty' : 'is-filled'
  return \`<div class="\${CLASS_PREFIX}__field \${tone}" data-field="\${label}">
    <span class="\${CLASS_PREFIX}__label">\${label}</span>
    <span class="\${CLASS_PREFIX}__value">\${value ?? '—'}</span>
  </div>\`
}

export function render${capital(entity)}${id}(props, state = { expanded: false, selected: new Set() }) {
  const rows = []
${fields.map(f => `  rows.push(field${id}('${m.sentence()}', props.${f}, { highlight: state.selected.has('${f}') }))`).join('\n')}
  const footer = state.expanded
    ? \`<footer class="\${CLASS_PREFIX}__footer"><button data-action="collapse">Show less</button></footer>\`
    : \`<footer class="\${CLASS_PREFIX}__footer"><button data-action="expand">Show \${rows.length} more</button></footer>\`
  return \`<section class="\${CLASS_PREFIX}" aria-label="${m.sentence()}">\${rows.join('')}\${footer}</section>\`
}

export function on${capital(entity)}${id}Click(event, state) {
  const action = event.target?.dataset?.action
  if (action === 'expand') return { ...state, expanded: true }
  if (action === 'collapse') return { ...state, expanded: false }
  const field = event.target?.closest?.('[data-field]')?.dataset.field
  if (!field) return state
  const selected = new Set(state.selected)
  selected.has(field) ? selected.delete(field) : selected.add(field)
  return { ...state, selected }
}
`
}

function service(m, id, imports) {
  const entity = m.pick(WORDS)
  return `${imports}
const BASE_${id} = '/api/v${m.int(1, 4)}/${entity}s'
const RETRIES_${id} = ${m.int(1, 5)}

async function request${id}(path, init = {}, attempt = 0) {
  const response = await fetch(BASE_${id} + path, {
    ...init,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...init.headers },
  })
  if (response.status >= 500 && attempt < RETRIES_${id}) {
    await new Promise(resolve => setTimeout(resolve, ${m.int(50, 400)} * 2 ** attempt))
    return request${id}(path, init, attempt + 1)
  }
  if (!response.ok) throw new Error(\`${entity} request failed: \${response.status} \${response.statusText}\`)
  return response.status === 204 ? undefined : response.json()
}

export const ${entity}Service${id} = {
  list: (query = {}) => request${id}('?' + new URLSearchParams(query).toString()),
  get: id => request${id}('/' + encodeURIComponent(id)),
  create: body => request${id}('', { method: 'POST', body: JSON.stringify(body) }),
  update: (id, patch) => request${id}('/' + encodeURIComponent(id), { method: 'PATCH', body: JSON.stringify(patch) }),
  remove: id => request${id}('/' + encodeURIComponent(id), { method: 'DELETE' }),
  async ${m.pick(VERBS)}All(ids) {
    const results = await Promise.allSettled(ids.map(id => this.get(id)))
    return results.filter(r => r.status === 'fulfilled').map(r => r.value)
  },
}
`
}

function store(m, id, imports) {
  const actions = Array.from({ length: m.int(5, 10) }, () => `${m.pick(VERBS)}${capital(m.pick(WORDS))}`.toUpperCase())
  const unique = [...new Set(actions)]
  return `${imports}
export const initial${id} = { items: [], byId: {}, loading: false, error: null, page: ${m.int(1, 9)}, pageSize: ${m.int(10, 100)} }

export function reducer${id}(state = initial${id}, action) {
  switch (action.type) {
${unique
  .map(
    (type, i) => `    case '${type}_${id}': {
      const items = state.items.${i % 2 ? 'filter(item => item.id !== action.id)' : 'concat(action.payload ?? [])'}
      return { ...state, items, byId: Object.fromEntries(items.map(item => [item.id, item])), loading: ${i % 3 === 0} }
    }`,
  )
  .join('\n')}
    default:
      return state
  }
}

export const select${id} = {
  visible: state => state.items.slice((state.page - 1) * state.pageSize, state.page * state.pageSize),
  count: state => state.items.length,
  byId: (state, id) => state.byId[id],
}
`
}

function dataTable(m, id, imports) {
  const rows = Array.from({ length: m.int(8, 20) }, (_, i) => {
    const key = `${m.pick(WORDS)}.${m.pick(WORDS)}.${i}`
    return `  { key: '${key}', en: '${m.sentence()}', de: '${m.sentence()}', weight: ${m.int(0, 1000) / 10} },`
  })
  return `${imports}
export const messages${id} = [
${rows.join('\n')}
]

export function translate${id}(key, locale = 'en') {
  const row = messages${id}.find(entry => entry.key === key)
  return row ? row[locale] ?? row.en : key
}
`
}

function utility(m, id, imports) {
  return `${imports}
const PATTERN_${id} = /^([a-z]{${m.int(2, 5)}})-(\\d{${m.int(2, 6)}})(?:-([A-Z]+))?$/

export function ${m.pick(VERBS)}Code${id}(input) {
  const match = PATTERN_${id}.exec(String(input).trim())
  if (!match) return undefined
  const [, prefix, number, suffix] = match
  return { prefix, number: Number.parseInt(number, 10) * ${m.int(2, 30)}, suffix: suffix?.toLowerCase() ?? null }
}

export function round${id}(value, digits = ${m.int(0, 4)}) {
  const factor = 10 ** digits
  return Math.round((value + Number.EPSILON) * factor) / factor
}

export function group${id}(items, key) {
  const groups = new Map()
  for (const item of items) {
    const bucket = groups.get(item[key]) ?? []
    bucket.push(item)
    groups.set(item[key], bucket)
  }
  return [...groups.entries()].sort(([a], [b]) => String(a).localeCompare(String(b)))
}
`
}

function analytics(m, id, imports) {
  const event = `${capital(m.pick(WORDS))} ${capital(m.pick(VERBS))}ed`
  return `import { track, setUserId } from '@amplitude/analytics-browser'
${imports}
export function track${id}(properties = {}) {
  track('${event}', { screen: '${m.pick(WORDS)}', variant: '${m.pick(WORDS)}', ...properties })
}

export function identify${id}(user) {
  if (user?.id) setUserId(String(user.id))
  track${id}({ plan: user?.plan ?? 'free', seats: user?.seats ?? ${m.int(1, 50)} })
}
`
}

function experiment(m, id, imports) {
  const flag = `${m.pick(WORDS)}-${m.pick(WORDS)}-${id}`
  return `import { experiment } from '../../experiment.js'
${imports}
export async function ${m.pick(WORDS)}Variant${id}() {
  const variant = experiment.variant('${flag}')
  return variant.value === 'treatment' ? { layout: '${m.pick(WORDS)}', limit: ${m.int(5, 50)} } : null
}
`
}

const SHAPES = [component, component, service, store, dataTable, utility, utility, analytics, experiment]

const hex = (m, length) => Array.from({ length }, () => '0123456789abcdef'[m.int(0, 16)]).join('')
const uuid = m => [8, 4, 4, 4, 12].map(length => hex(m, length)).join('-')

/**
 * What hash-dense apps hold in many modules: tables of content hashes and record ids (32 hex,
 * as md5 prints them) and UUIDs under harmless names, which look like Amplitude keys by shape.
 */
function idTable(m, id) {
  const rows = Array.from({ length: m.int(12, 24) }, () => `  { id: '${hex(m, 32)}', uuid: '${uuid(m)}', checksum: '${hex(m, 32)}', revision: ${m.int(1, 90)} },`)
  return `
export const records${id} = [
${rows.join('\n')}
]

export const recordById${id} = new Map(records${id}.map(record => [record.id, record]))
`
}

/** A feature module: its shape, and a use of one shared module so chunks share code. */
function featureModule(m, id, sharedCount, hashDense) {
  const shared = m.int(0, sharedCount)
  const imports = `import { helper${shared} } from '../../shared/helper${shared}.js'\nexport const uses${id} = helper${shared}`
  return m.pick(SHAPES)(m, id, imports) + (hashDense ? idTable(m, id) : '')
}

function sharedHelper(m, index) {
  return utility(m, `S${index}`, '').replace(/^/, `export const helper${index} = (value) => [value, ${index}, '${m.sentence()}']\n`)
}

function featureIndex(feature, ids) {
  return `${ids.map(id => `import * as m${id} from './m${id}.js'`).join('\n')}

/** Every export, so no bundler can drop a module as unused. */
export const modules = [${ids.map(id => `m${id}`).join(', ')}]

export function mount(root) {
  root.dataset.feature = '${feature}'
  return modules.reduce((count, module) => count + Object.keys(module).length, 0)
}
`
}

const MAIN = `import * as amplitude from '@amplitude/analytics-browser'
import { experiment } from './experiment.js'
import { features } from './features.js'

amplitude.init(import.meta.env.VITE_AMPLITUDE_API_KEY, { autocapture: false })
experiment.fetch().catch(() => {})

const root = document.getElementById('app')
for (const load of features) load().then(feature => feature.mount(root))
`

const EXPERIMENT = `import { Experiment } from '@amplitude/experiment-js-client'

export const experiment = Experiment.initialize(import.meta.env.VITE_EXPERIMENT_DEPLOYMENT_KEY)
`

/**
 * Generates the app under `dir` and returns its module count. `scale` multiplies the
 * number of features; every scale shares the 1× app's first features exactly. `hashDense`
 * adds a table of 32-hex ids and UUIDs to every feature module.
 */
export function generateApp(dir, scale = 1, { hashDense = false } = {}) {
  rmSync(dir, { recursive: true, force: true })
  const write = (path, text) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  const m = makers(random(20260601))
  const featureCount = ((MODULES_PER_SCALE - SHARED_MODULES) / MODULES_PER_FEATURE) * scale
  for (let i = 0; i < SHARED_MODULES; i++) write(`src/shared/helper${i}.js`, sharedHelper(m, i))
  let modules = SHARED_MODULES + 3
  for (let f = 0; f < featureCount; f++) {
    const ids = Array.from({ length: MODULES_PER_FEATURE }, (_, i) => f * MODULES_PER_FEATURE + i)
    for (const id of ids) write(`src/features/f${f}/m${id}.js`, featureModule(m, id, SHARED_MODULES, hashDense))
    write(`src/features/f${f}/index.js`, featureIndex(`f${f}`, ids))
    modules += ids.length + 1
  }
  const loaders = Array.from({ length: featureCount }, (_, f) => `  () => import('./features/f${f}/index.js'),`)
  write('src/features.js', `export const features = [\n${loaders.join('\n')}\n]\n`)
  write('src/experiment.js', EXPERIMENT)
  write('src/main.js', MAIN)
  write('index.html', '<!doctype html>\n<html><head><title>Bench app</title></head>\n<body><div id="app"></div><script type="module" src="/src/main.js"></script></body></html>\n')
  write('package.json', '{ "name": "bench-app", "private": true, "type": "module" }\n')
  // Public keys exposed to the client, server-only ones kept out of it: the build passes.
  write(
    '.env',
    Object.entries(BENCH_KEYS.env)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n') + '\n',
  )
  return modules
}
