import QRCode from 'qrcode'

/**
 * The QR image of a check-in ticket, drawn on the server with `qrcode` (ADR 0026): a PNG, because
 * every mail client shows an inline PNG (an SVG is dropped by Gmail and Outlook). Error correction M
 * and a quiet zone of 4 modules, as the QR standard asks, so a phone reads it off a cracked screen.
 */
export async function checkInQrPng(token: string): Promise<Buffer> {
  return QRCode.toBuffer(token, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 6, color: { dark: '#000000', light: '#ffffff' } })
}
