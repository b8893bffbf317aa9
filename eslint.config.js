// ESLint flat config. The import rules below enforce the layers drawn in docs/architecture.md:
// routes → web helpers → domain → base; components and emails get data as props.
import js from '@eslint/js'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Import patterns that mean "the database, the configuration or Prisma itself". */
const DATABASE = [
  { group: ['**/db/**', '**/db.server*', '~/db/**'], message: 'Only domain modules talk to the database (docs/architecture.md).' },
  { group: ['**/env.server*'], message: 'Configuration is read by boot code and domain modules, never here (docs/architecture.md).' },
  {
    group: ['**/generated/prisma/client*', '@prisma/*'],
    message: 'Prisma is for domain modules; import types from generated/prisma/enums or get data as props.',
  },
]
/** The web layer: routes, web helpers (console/, public/, accounts pages) and the server. */
const WEB = [
  { group: ['**/routes/**', '~/routes/**'], message: 'A domain module never imports a route (docs/architecture.md).' },
  {
    group: ['**/console/**', '~/console/**', '**/public/**', '~/public/**', '**/actions.server*', '~/actions.server*'],
    message: 'A domain module never imports the web layer (docs/architecture.md).',
  },
  { group: ['**/server.ts', '**/entry.server*', '**/root.tsx'], message: 'A domain module never imports the server (docs/architecture.md).' },
]
const DOMAIN_FOLDERS = [
  'accounts',
  'api',
  'audit',
  'calendar',
  'check-in',
  'dashboard',
  'demo',
  'events',
  'exports',
  'mail',
  'metrics',
  'organizations',
  'programme',
  'registrations',
  'reports',
  'series',
  'speakers',
  'db',
  'i18n',
].map((folder) => `app/${folder}/**`)
const BASE_FILES = [
  'app/env.server.ts',
  'app/errors.server.ts',
  'app/time.ts',
  'app/slug.ts',
  'app/slug.server.ts',
  'app/enums.ts',
  'app/markdown.server.ts',
  'app/cache.server.ts',
  'app/log.server.ts',
  'app/request-context.server.ts',
]

export default tseslint.config(
  {
    ignores: ['node_modules/', 'build/', 'public/build/', 'data/', 'app/generated/', '.cache/', 'bench/out/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  jsxA11y.flatConfigs.recommended,
  {
    files: ['app/**/*.tsx', 'emails/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['app/components/**', 'emails/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...DATABASE,
            {
              group: ['**/*.server', '**/*.server.ts', '**/*.server.tsx'],
              message: "Components and emails get data as props; they may import a server module's types only.",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: [...DOMAIN_FOLDERS, ...BASE_FILES],
    rules: { 'no-restricted-imports': ['error', { patterns: WEB }] },
  },
  {
    files: ['app/routes/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/db/**', '**/db.server*', '~/db/**'], message: 'A route calls a domain module; it never queries the database itself.' },
            { group: ['**/generated/prisma/client*', '@prisma/*'], message: 'Routes use domain modules, not Prisma.' },
          ],
        },
      ],
    },
  },
)
