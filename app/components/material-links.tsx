import type { MaterialLink } from '../events/event-page-view.server.ts'

/** A list of recording and slides links (the event page's "Inspelningar och bilder", the series page's "Inspelningar"). */
export function MaterialLinks({ links }: { links: MaterialLink[] }) {
  return (
    <ul className="material-links">
      {links.map((link) => (
        <li key={`${link.kind} ${link.href}`}>
          <a href={link.href} rel="noopener">
            {link.label}
          </a>
        </li>
      ))}
    </ul>
  )
}
