import * as amplitude from '@amplitude/analytics-browser'
import { Experiment } from '@amplitude/experiment-js-client'
import './style.css'

// Public keys, inlined by DefinePlugin from .env: the guard lets them ship.
const apiKey = process.env.AMPLITUDE_API_KEY
amplitude.init(apiKey, { autocapture: false })
const experiment = Experiment.initialize(process.env.EXPERIMENT_DEPLOYMENT_KEY)

document.querySelector('#track').addEventListener('click', () => {
  amplitude.track('Button Clicked', { button: 'track' })
})

function showVariant() {
  document.querySelector('#variant').textContent = experiment.variant('new-checkout').value ?? 'control'
}

experiment.fetch().then(showVariant)

// Only `--env leak` defines the secret, so the clean build drops this whole branch.
// The Export API wants the Project Secret Key: it belongs on a server, never here.
if (process.env.AMPLITUDE_SECRET_KEY) {
  const secretKey = process.env.AMPLITUDE_SECRET_KEY
  const button = document.querySelector('#export')
  button.hidden = false
  button.addEventListener('click', async () => {
    const response = await fetch('https://amplitude.com/api/2/export?start=20250101T00&end=20250101T23', {
      headers: { Authorization: 'Basic ' + btoa(apiKey + ':' + secretKey) },
    })
    console.log('export status', response.status)
  })
}
