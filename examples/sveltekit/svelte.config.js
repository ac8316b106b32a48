/** @type {import('@sveltejs/kit').Config} */
export default {
  // No adapter: the guard checks the client build, which every adapter takes as it is.
  // adapter-node would need a package.json here, and one would hide the repo's own package
  // from the `unplugin-amplitude-key-guard/vite` import in vite.config.js.
  kit: {},
}
