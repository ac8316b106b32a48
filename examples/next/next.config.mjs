// Resolves to the repo's dist/ through the package's self-reference: run `npm run build` first.
import { withAmplitudeKeyGuard } from 'unplugin-amplitude-key-guard/next'

export default withAmplitudeKeyGuard({})
