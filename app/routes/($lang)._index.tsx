export default function Index() {
  return <main id="main" className="container page"><h1>Samling</h1></main>
}
