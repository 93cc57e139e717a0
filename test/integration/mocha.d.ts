// mocha's browser build, loaded through esbuild.config.mjs's mocha-browser-build plugin.
declare module 'mocha/mocha.js' {
  const mocha: BrowserMocha;
  export default mocha;
}
