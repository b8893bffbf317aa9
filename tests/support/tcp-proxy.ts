import net from 'node:net'

export type TcpProxy = {
  port: number
  /** Stops forwarding in both directions; open connections stay open and new ones hang, like a network partition. */
  silence(): void
  /** Forwards again, including what was held back. */
  heal(): void
  close(): Promise<void>
}

/** A TCP proxy on 127.0.0.1 in front of `target`, which can go silent without closing anything. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let silent = false
  const pairs = new Set<[net.Socket, net.Socket]>()
  const waiting: Array<() => void> = []
  const server = net.createServer((client) => {
    const connect = () => {
      const upstream = net.connect(target.port, target.host)
      const pair: [net.Socket, net.Socket] = [client, upstream]
      pairs.add(pair)
      client.pipe(upstream)
      upstream.pipe(client)
      const drop = () => {
        pairs.delete(pair)
        client.destroy()
        upstream.destroy()
      }
      client.on('error', drop).on('close', drop)
      upstream.on('error', drop).on('close', drop)
      if (silent) for (const socket of pair) socket.pause()
    }
    client.on('error', () => client.destroy())
    if (silent) waiting.push(connect)
    else connect()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    silence() {
      silent = true
      for (const pair of pairs) for (const socket of pair) socket.pause()
    },
    heal() {
      silent = false
      for (const pair of pairs) for (const socket of pair) socket.resume()
      for (const connect of waiting.splice(0)) connect()
    },
    async close() {
      for (const [client, upstream] of pairs) {
        client.destroy()
        upstream.destroy()
      }
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
