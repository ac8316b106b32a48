const { getDefaultConfig } = require('expo/metro-config')
// In your app: require('unplugin-amplitude-key-guard/metro'). This example loads the repo's
// build instead: run `npm run build` at the repo root first.
const { withAmplitudeKeyGuard } = require('../../dist/metro.mjs')

module.exports = withAmplitudeKeyGuard(getDefaultConfig(__dirname))
