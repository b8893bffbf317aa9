import { createContext, useContext } from 'react'

/** The CSP nonce of the current response, set by entry.server.tsx (empty in the browser). */
const NonceContext = createContext<string>('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext) || undefined
