import { useRevalidator } from '@remix-run/react'
import { useCallback, useEffect, useRef, useState } from 'react'
import type QrScannerType from 'qr-scanner'
import { t, type Locale } from '../../i18n/index.ts'

/**
 * The camera half of the check-in page (ADR 0026), a progressive enhancement: without JavaScript
 * the page's search and code forms do the job. Every read goes into a queue in localStorage first
 * (one per event, so a phone that loses the network in the cellar keeps its scans), then is sent in
 * batches to the page's action (intent "sync"), each scan with its own random id so a batch sent twice
 * checks nobody in twice. qr-scanner is imported only when the camera is started.
 */
type QueuedScan = { clientId: string; ticket: string; scannedAt: string }
type ScanAnswer = { clientId: string; outcome: string; message: string }
type Notice = { kind: 'success' | 'warning' | 'error'; text: string }

const BATCH = 100
const RETRY_MS = 15_000
/** The same code held in front of the camera is one scan, not one every frame (for half a minute). */
const SAME_CODE_MS = 30_000

const queueKey = (eventId: string) => `samling:check-in:${eventId}`

function readQueue(eventId: string): QueuedScan[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(queueKey(eventId)) ?? '[]')
    return Array.isArray(parsed) ? (parsed as QueuedScan[]) : []
  } catch {
    return []
  }
}

function writeQueue(eventId: string, queue: QueuedScan[]) {
  if (queue.length) window.localStorage.setItem(queueKey(eventId), JSON.stringify(queue))
  else window.localStorage.removeItem(queueKey(eventId))
}

function scanId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  // Plain http on a LAN address has no randomUUID (not a secure context); the id only has to be unique per event.
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

export function CheckInScanner({ locale, eventId, routeId }: { locale: Locale; eventId: string; routeId: string }) {
  const [hydrated, setHydrated] = useState(false)
  const [pending, setPending] = useState(0)
  const [offline, setOffline] = useState(false)
  const [scanning, setScanning] = useState(false)
  const [notice, setNotice] = useState<Notice | null>(null)
  const video = useRef<HTMLVideoElement>(null)
  const scanner = useRef<QrScannerType | null>(null)
  const sending = useRef(false)
  const lastRead = useRef<{ ticket: string; at: number } | null>(null)
  const revalidator = useRevalidator()
  const revalidate = useRef(revalidator.revalidate)
  revalidate.current = revalidator.revalidate

  const flush = useCallback(async () => {
    const queue = readQueue(eventId)
    setPending(queue.length)
    if (!queue.length || sending.current) return
    if (!navigator.onLine) {
      setOffline(true)
      return
    }
    sending.current = true
    try {
      const url = new URL(window.location.href)
      url.search = ''
      url.hash = ''
      if (locale === 'en') url.searchParams.set('lang', 'en')
      url.searchParams.set('_data', routeId)
      const batch = queue.slice(0, BATCH)
      const response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        body: new URLSearchParams({ intent: 'sync', scans: JSON.stringify(batch) }),
      })
      const data = (await response.json().catch(() => null)) as { answers?: ScanAnswer[]; formError?: string } | null
      setOffline(false)
      if (response.ok && data?.answers) {
        const answered = new Set(data.answers.map((answer) => answer.clientId))
        writeQueue(
          eventId,
          readQueue(eventId).filter((scan) => !answered.has(scan.clientId)),
        )
        const last = data.answers[data.answers.length - 1]
        if (last)
          setNotice({ kind: last.outcome === 'checked_in' ? 'success' : last.outcome === 'already_checked_in' ? 'warning' : 'error', text: last.message })
        revalidate.current()
      } else if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
        // The server will never take this batch (signed out, no right): say so; the scans stay for a person to decide.
        setNotice({ kind: 'error', text: data?.formError ?? t(locale, 'checkIn.syncFailed') })
      } else {
        setNotice({ kind: 'error', text: t(locale, 'checkIn.syncFailed') })
      }
    } catch {
      setOffline(!navigator.onLine)
      setNotice({ kind: 'error', text: t(locale, 'checkIn.syncFailed') })
    } finally {
      sending.current = false
      setPending(readQueue(eventId).length)
    }
  }, [eventId, locale, routeId])

  useEffect(() => {
    setHydrated(true)
    setOffline(!navigator.onLine)
    void flush()
    const online = () => {
      setOffline(false)
      void flush()
    }
    const gone = () => setOffline(true)
    window.addEventListener('online', online)
    window.addEventListener('offline', gone)
    const timer = window.setInterval(() => void flush(), RETRY_MS)
    return () => {
      window.removeEventListener('online', online)
      window.removeEventListener('offline', gone)
      window.clearInterval(timer)
      scanner.current?.destroy()
      scanner.current = null
    }
  }, [flush])

  const onRead = useCallback(
    (ticket: string) => {
      const now = Date.now()
      if (lastRead.current && lastRead.current.ticket === ticket && now - lastRead.current.at < SAME_CODE_MS) return
      lastRead.current = { ticket, at: now }
      writeQueue(eventId, [...readQueue(eventId), { clientId: scanId(), ticket: ticket.slice(0, 200), scannedAt: new Date(now).toISOString() }])
      navigator.vibrate?.(60)
      void flush()
    },
    [eventId, flush],
  )

  async function start() {
    if (!video.current) return
    try {
      const { default: QrScanner } = await import('qr-scanner')
      scanner.current ??= new QrScanner(video.current, (result) => onRead(result.data), {
        returnDetailedScanResult: true,
        highlightScanRegion: true,
        maxScansPerSecond: 5,
        preferredCamera: 'environment',
      })
      await scanner.current.start()
      setScanning(true)
      setNotice(null)
    } catch {
      setScanning(false)
      setNotice({ kind: 'error', text: t(locale, 'checkIn.scan.noCamera') })
    }
  }

  function stop() {
    scanner.current?.stop()
    setScanning(false)
  }

  if (!hydrated) return <p className="console-muted">{t(locale, 'checkIn.scan.noJs')}</p>
  return (
    <div className="check-in-scanner">
      <p className="console-muted">{t(locale, 'checkIn.scan.hint')}</p>
      <div className="check-in-scanner__view" hidden={!scanning}>
        <video ref={video} muted playsInline aria-label={t(locale, 'checkIn.scan.video')} />
      </div>
      {scanning ? (
        <button type="button" className="button--secondary" onClick={stop}>
          {t(locale, 'checkIn.scan.stop')}
        </button>
      ) : (
        <button type="button" onClick={() => void start()}>
          {t(locale, 'checkIn.scan.start')}
        </button>
      )}
      <p role="status" className={notice ? `check-in-answer check-in-answer--${notice.kind}` : 'check-in-answer'}>
        {notice?.text ?? ''}
      </p>
      <p role="status" className="check-in-pending">
        {pending === 0 ? '' : pending === 1 ? t(locale, 'checkIn.pending.one') : t(locale, 'checkIn.pending.many', { count: pending })}
        {pending > 0 && offline ? ` ${t(locale, 'checkIn.offline')}` : ''}
      </p>
      {pending > 0 && !offline ? (
        <button type="button" className="button--secondary" onClick={() => void flush()}>
          {t(locale, 'checkIn.pending.send')}
        </button>
      ) : null}
    </div>
  )
}
