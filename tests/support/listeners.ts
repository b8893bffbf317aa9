import fs from 'node:fs'

/** The inodes of the sockets a process holds open (from /proc/<pid>/fd). */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>()
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))
      if (match) inodes.add(match[1])
    } catch {
      // closed while we looked
    }
  }
  return inodes
}

/**
 * What a process listens on, as the kernel sees it (what `ss -ltnp` / `ss -lxp` print for it):
 * TCP ports (IPv4 and IPv6) and Unix socket paths.
 */
export function listeners(pid: number): { tcpPorts: number[]; unixPaths: string[] } {
  const inodes = socketInodes(pid)
  const tcpPorts: number[] = []
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of fs.readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const [, local, , state, , , , , , inode] = line.trim().split(/\s+/)
      if (state === '0A' && inodes.has(inode)) tcpPorts.push(parseInt(local.split(':')[1], 16))
    }
  }
  const unixPaths: string[] = []
  for (const line of fs.readFileSync('/proc/net/unix', 'utf8').trim().split('\n').slice(1)) {
    const [, , , flags, , , inode, socketPath] = line.trim().split(/\s+/)
    if (flags === '00010000' && inodes.has(inode) && socketPath) unixPaths.push(socketPath)
  }
  return { tcpPorts: tcpPorts.sort(), unixPaths: unixPaths.sort() }
}
