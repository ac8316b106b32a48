// Runs on a server, never in the app: `node --env-file=.env server/flags.mjs <user id>`.
// Remote evaluation with the server-side deployment key, which the app never holds.
import { Experiment } from '@amplitude/experiment-node-server'

const experiment = Experiment.initializeRemote(process.env.AMPLITUDE_EXPERIMENT_DEPLOYMENT_KEY)
console.log(await experiment.fetchV2({ user_id: process.argv[2] ?? 'demo-user' }))
