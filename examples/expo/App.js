import { init, track } from '@amplitude/analytics-react-native'
import { useEffect } from 'react'
import { Button, Text, View } from 'react-native'
import { exportYesterday } from './export-events'

// Public key from .env: the React Native SDK needs it, so Expo inlines EXPO_PUBLIC_ variables into the app.
const apiKey = process.env.EXPO_PUBLIC_AMPLITUDE_API_KEY

export default function App() {
  useEffect(() => {
    init(apiKey)
    track('App Opened')
  }, [])

  return (
    <View style={{ flex: 1, alignItems: 'center', justifyContent: 'center' }}>
      <Text>Amplitude key guard: Expo example</Text>
      <Button title="Track a tap" onPress={() => track('Button Tapped')} />
      {/* Only .env.leak defines it, so the clean export leaves this button out. */}
      {process.env.EXPO_PUBLIC_AMPLITUDE_SECRET_KEY && <Button title="Export yesterday's events" onPress={exportYesterday} />}
    </View>
  )
}
