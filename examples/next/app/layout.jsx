export const metadata = { title: 'Amplitude key guard: Next.js example' }

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  )
}
