// react-dom/server.browser has the same renderToReadableStream as react-dom/server's types describe.
declare module 'react-dom/server.browser' {
  export { renderToReadableStream } from 'react-dom/server'
}
