/**
 * Every CLI command as one typed table: parsing, `--help` and the README's command reference all
 * come from here. Implementations load lazily, so `letopis --help` starts fast.
 */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Placeholder in help: DATE, FILE... */
  arg?: string;
  description: string;
  default?: string | boolean;
  /** Environment variable used when the option is absent. */
  env?: string;
}

export interface CommandContext {
  args: string[];
  opts: Record<string, string | boolean | string[] | undefined>;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  examples: string[];
  /** Longer notes shown in --help. */
  notes?: string;
  load: () => Promise<{ run: (ctx: CommandContext) => Promise<number | void> }>;
}

const formatOpt = (choices: string, def: string): OptionSpec => ({ type: 'string', arg: choices, description: `output format: ${choices.split('|').join(', ')}`, default: def });

const dataOpts: Record<string, OptionSpec> = {
  data: { type: 'string', arg: 'DIR', description: 'embedded database folder', env: 'LETOPIS_DATA', default: './data' },
  'database-url': { type: 'string', arg: 'URL', description: 'use a PostgreSQL server instead of the embedded database', env: 'DATABASE_URL' },
};

const filterOpts: Record<string, OptionSpec> = {
  type: { type: 'string', multiple: true, arg: 'TYPE', description: 'event type (repeat or comma-separate): protest, arson, detention...' },
  kind: { type: 'string', arg: 'KIND', description: 'incident or tally' },
  from: { type: 'string', arg: 'DATE', description: 'events on or after this day (YYYY-MM-DD)' },
  to: { type: 'string', arg: 'DATE', description: 'events on or before this day (YYYY-MM-DD)' },
  region: { type: 'string', multiple: true, arg: 'CODE', description: 'ISO 3166-2 region, e.g. RU-MOW, UA-43' },
  q: { type: 'string', arg: 'TEXT', description: 'full-text search (Russian and English)' },
  status: { type: 'string', multiple: true, arg: 'STATUS', description: 'draft, published, rejected (default: draft and published)' },
};

const actorOpt: Record<string, OptionSpec> = {
  actor: { type: 'string', arg: 'NAME', description: 'who is acting, for the audit log (default: the OS user name)', env: 'LETOPIS_ACTOR' },
};

const reviewOpts: Record<string, OptionSpec> = {
  ...actorOpt,
  'expect-version': { type: 'string', arg: 'N', description: 'refuse (exit 75) if the event changed since you saw version N' },
  format: formatOpt('text|json', 'text'),
};

const REVIEW_NOTES = 'Each action is written to the audit log (`letopis history ID`). Exit codes: 0 done, 64 bad arguments, 66 no such event, 75 conflict (the event changed, was merged away, or is not in a status the action applies to). With several ids, each gets a line and the exit code is that of the first failure.';

export const COMMANDS: CommandSpec[] = [
  {
    name: 'ingest',
    summary: 'read files, folders, Telegram exports, feeds or URL lists; extract and store them',
    usage: 'letopis ingest [options] PATH...',
    options: {
      published: { type: 'string', arg: 'DATE', description: 'publication date for documents that do not state one (YYYY-MM-DD)' },
      'max-size': { type: 'string', arg: 'MB', description: 'refuse single documents (a file, a message, a feed item) larger than this', default: '16' },
      'channel-username': { type: 'string', arg: 'NAME', description: 'public @username of the exported Telegram channel: gives https://t.me/NAME/ID links' },
      urls: { type: 'string', arg: 'FILE', description: 'also fetch the web pages listed in FILE (one URL a line)' },
      server: { type: 'string', arg: 'URL', description: 'send documents to a running `letopis serve` instead of opening the database' },
      'batch-size': { type: 'string', arg: 'N', description: 'documents per transaction', default: '1' },
      workers: { type: 'string', arg: 'N', description: 'extract in N worker threads while the database is written (bulk imports, with --batch-size)', default: '0' },
      'defer-resolve': { type: 'boolean', description: 'bulk imports (with --batch-size): store new documents unresolved; run `letopis resolve` afterwards' },
      quiet: { type: 'boolean', description: 'no progress bar' },
      ...dataOpts,
    },
    examples: ['letopis ingest sample/', 'letopis ingest --published 2022-09-26 report.txt', 'letopis ingest --channel-username svodka result.json', 'letopis ingest --urls links.txt'],
    notes: 'Supported: .txt, .md (front matter: title, published, url, source, lang), .html/.htm, Telegram Desktop exports (.json), RSS/Atom feeds (.xml, .rss, .atom). Re-ingesting the same content changes nothing. Exit code 0 when everything went in, 65 when some inputs failed (the rest is stored).',
    load: () => import('./commands/ingest.js'),
  },
  {
    name: 'extract',
    summary: 'print the event records found in one text (stateless; nothing is stored)',
    usage: 'letopis extract [options] FILE|-',
    options: {
      published: { type: 'string', arg: 'DATE', description: 'publication date; relative dates resolve against it (YYYY-MM-DD)' },
      lang: { type: 'string', arg: 'LANG', description: 'en, ru, uk or be (default: detected)' },
      format: formatOpt('jsonl|table', 'jsonl'),
    },
    examples: ['letopis extract --published 2022-09-25 post.txt', 'echo "Protesters were detained in Moscow on 21 September." | letopis extract --published 2022-09-22 --format table -'],
    notes: 'Prints one JSON record a line, as ../shared/contract/event-record.schema.json describes.',
    load: () => import('./commands/extract.js'),
  },
  {
    name: 'events',
    summary: 'list the chronicle\'s events',
    usage: 'letopis events [filters] [--format table|jsonl|csv]',
    options: {
      ...filterOpts,
      limit: { type: 'string', arg: 'N', description: 'at most N events', default: '1000' },
      format: formatOpt('table|jsonl|csv', 'table'),
      ...dataOpts,
    },
    examples: ['letopis events --type arson --from 2022-09-21', 'letopis events --region RU-MO --format jsonl', 'letopis events --q военкомат --format csv'],
    load: () => import('./commands/events.js'),
  },
  {
    name: 'report',
    summary: 'write the overview of a period: totals, events by type with citations, tallies, regions, weekly chart',
    usage: 'letopis report --from DATE --to DATE [--type ...] [--region ...] [--format md|html] [--lang en|ru]',
    options: {
      from: { type: 'string', arg: 'DATE', description: 'first day of the period (YYYY-MM-DD)' },
      to: { type: 'string', arg: 'DATE', description: 'last day of the period (YYYY-MM-DD)' },
      type: filterOpts.type!,
      region: filterOpts.region!,
      format: formatOpt('md|html', 'md'),
      lang: { type: 'string', arg: 'LANG', description: 'language of the overview: en or ru', default: 'en' },
      title: { type: 'string', arg: 'TEXT', description: 'title, e.g. "9th overview of anti-war sabotage"' },
      'include-drafts': { type: 'boolean', description: 'include events not yet published' },
      names: { type: 'boolean', description: 'keep private persons\' names (default: initials)' },
      output: { type: 'string', short: 'o', arg: 'FILE', description: 'write to FILE instead of standard output' },
      ...dataOpts,
    },
    examples: ['letopis report --from 2022-09-21 --to 2022-10-20 --type arson,sabotage -o overview.md', 'letopis report --from 2022-09-01 --to 2022-09-30 --format html --lang ru -o september.html'],
    notes: 'Totals are compared with the previous period of the same length. Every event cites its sources by number; tallies name who claims them; regions show counts per 100,000 inhabitants. The HTML is one self-contained page (inline SVG chart, no scripts). With -o FILE.md the chart is written beside it as FILE-weekly.svg. Names of private persons become initials unless --names; officials and organisations stay named.',
    load: () => import('./commands/report.js'),
  },
  {
    name: 'export',
    summary: 'write the chronicle for analysts: CSV (ACLED columns), GeoJSON or JSON Lines',
    usage: 'letopis export [filters] [--format csv|geojson|jsonl] [--output FILE]',
    options: {
      ...filterOpts,
      status: { type: 'string', multiple: true, arg: 'STATUS', description: 'draft, published, rejected (default: published)' },
      format: formatOpt('csv|geojson|jsonl', 'csv'),
      output: { type: 'string', short: 'o', arg: 'FILE', description: 'write to FILE instead of standard output' },
      names: { type: 'boolean', description: 'keep private persons\' names (default: initials)' },
      ...dataOpts,
    },
    examples: ['letopis export --format csv --output chronicle.csv', 'letopis export --format geojson --from 2022-09-21 --to 2022-12-31 -o mobilisation.geojson', 'letopis export --format jsonl --type arson'],
    notes: 'Events stream from the database page by page: memory stays flat at any size. CSV columns follow ACLED (event_id, event_date, year, time_precision, event_type, sub_event_type, actor1, country, admin1, location, latitude, longitude, geo_precision, source, notes, fatalities) then Letopis\' own (type, kind, certainty, independent_sources, status, counts, n_<count>...). GeoJSON events without coordinates keep a null geometry. Names of private persons become initials unless --names; officials and organisations stay named.',
    load: () => import('./commands/export.js'),
  },
  {
    name: 'backup',
    summary: 'write a full, versioned dump of the database to FILE (gzip when FILE ends in .gz)',
    usage: 'letopis backup [--with-secrets] FILE',
    options: {
      'with-secrets': { type: 'boolean', description: 'include users\' password hashes (sessions are never included)' },
      ...dataOpts,
    },
    examples: ['letopis backup letopis-2024-05-01.jsonl.gz', 'DATABASE_URL=postgres://postgres@127.0.0.1:5432/letopis letopis backup --with-secrets full.jsonl.gz'],
    notes: 'Documents, records, events, their links, the audit log and users, read in one consistent snapshot. The file is JSON Lines: a header, one line per row, a closing line with the counts (a file without it is refused as truncated). Restoring it into an empty database and dumping again gives the same bytes.',
    load: () => import('./commands/backup.js'),
  },
  {
    name: 'restore',
    summary: 'load a backup FILE into an empty database (or merge it with --merge); `restore ID...` puts rejected or published events back to draft',
    usage: 'letopis restore [--merge] FILE | letopis restore EVENT_ID...',
    options: {
      merge: { type: 'boolean', description: 'restore into a database that holds data: rows whose keys exist are skipped and counted' },
      ...reviewOpts,
      ...dataOpts,
    },
    examples: ['letopis restore letopis-2024-05-01.jsonl.gz', 'letopis restore --merge --data ./other full.jsonl', 'letopis restore 42'],
    notes: 'With a FILE: everything goes in in one transaction, or nothing does. Ids are kept and sequences moved past them; the audit log is only appended to. A backup from a newer schema is refused: upgrade Letopis first. With event ids (whole numbers): the review action. ' + REVIEW_NOTES,
    load: () => import('./commands/restore-backup.js'),
  },
  {
    name: 'serve',
    summary: 'serve the API and the web app',
    usage: 'letopis serve [--host 127.0.0.1] [--port 8080]',
    options: {
      host: { type: 'string', arg: 'HOST', description: 'address to listen on', env: 'LETOPIS_HOST', default: '127.0.0.1' },
      port: { type: 'string', arg: 'PORT', description: 'port to listen on', env: 'LETOPIS_PORT', default: '8080' },
      'rate-limit': { type: 'string', arg: 'N', description: 'public API requests per minute per client (0: no limit)', env: 'LETOPIS_RATE_LIMIT', default: '600' },
      ...dataOpts,
    },
    examples: ['letopis serve', 'LETOPIS_DATA=/srv/letopis letopis serve --port 9000', 'letopis user add vera && letopis serve --host 0.0.0.0'],
    notes: 'With no accounts and a loopback address, serve runs in local mode: whoever opens it is an editor. Any other address needs at least one account (`letopis user add NAME`); editors then log in.',
    load: () => import('./commands/serve.js'),
  },
  {
    name: 'demo',
    summary: 'ingest the bundled sample corpus, then serve (what `npm start` runs)',
    usage: 'letopis demo [--host 127.0.0.1] [--port 8080]',
    options: {
      host: { type: 'string', arg: 'HOST', description: 'address to listen on', env: 'LETOPIS_HOST', default: '127.0.0.1' },
      port: { type: 'string', arg: 'PORT', description: 'port to listen on', env: 'LETOPIS_PORT', default: '8080' },
      ...dataOpts,
    },
    examples: ['npm start', 'letopis demo --port 9000'],
    load: () => import('./commands/serve.js'),
  },
  {
    name: 'user',
    summary: 'editor accounts: `user add NAME`, `user passwd NAME`, `user disable NAME`, `user list`',
    usage: 'letopis user add|passwd|disable|list [NAME]',
    options: {
      'password-stdin': { type: 'boolean', description: 'read the password from the first line of stdin' },
      admin: { type: 'boolean', description: 'with add: the account is an admin' },
      ...dataOpts,
    },
    examples: ['letopis user add vera', 'printf "%s\\n" "$PASS" | letopis user add --password-stdin vera', 'letopis user list'],
    notes: 'Passwords (at least 12 characters) are hashed with scrypt; they are never taken from the command line, where other users could see them.',
    load: () => import('./commands/user.js'),
  },
  // --- Resolution and review (issue 5) ---------------------------------------------------------
  {
    name: 'resolve',
    summary: 're-run cross-source resolution over every stored record (ingest resolves incrementally)',
    usage: 'letopis resolve [--format text|json]',
    options: { format: formatOpt('text|json', 'text'), quiet: { type: 'boolean', description: 'no progress on stderr' }, ...actorOpt, ...dataOpts },
    examples: ['letopis resolve', 'letopis resolve --format json --quiet'],
    notes: 'Events an editor touched (published, rejected, disputed, edited, merged, split) keep their records; other events are re-clustered and keep their ids where they can. Rejected events are never re-created. Every change is in the audit log.',
    load: () => import('./commands/resolve.js'),
  },
  {
    name: 'history',
    summary: 'the audit log of one event (who, when, what changed), or its state at a past moment',
    usage: 'letopis history EVENT_ID [--at TIME] [--format table|jsonl]',
    options: { at: { type: 'string', arg: 'TIME', description: 'print the event as it was at this moment (ISO date or time), rebuilt from the audit log' }, format: formatOpt('table|jsonl', 'table'), ...dataOpts },
    examples: ['letopis history 42', 'letopis history 42 --at 2022-10-01T12:00:00Z', 'letopis history 42 --format jsonl'],
    notes: 'Exit code 66 when the event does not exist (or did not exist yet at --at).',
    load: () => import('./commands/history.js'),
  },
  {
    name: 'publish',
    summary: 'confirm draft events and publish them',
    usage: 'letopis publish [--actor NAME] [--expect-version N] EVENT_ID...',
    options: { ...reviewOpts, ...dataOpts },
    examples: ['letopis publish 42 43', 'letopis publish --actor vera --expect-version 3 42'],
    notes: REVIEW_NOTES,
    load: () => import('./commands/publish.js'),
  },
  {
    name: 'reject',
    summary: 'reject events: hidden from the chronicle, kept with their history, never re-created by resolution',
    usage: 'letopis reject [--reason TEXT] EVENT_ID...',
    options: { reason: { type: 'string', arg: 'TEXT', description: 'why, kept in the audit log' }, ...reviewOpts, ...dataOpts },
    examples: ['letopis reject 42 --reason "not an anti-war action"'],
    notes: REVIEW_NOTES,
    load: () => import('./commands/reject.js'),
  },
  {
    name: 'dispute',
    summary: 'flag events whose facts are contested (--undispute clears the flag)',
    usage: 'letopis dispute [--undispute] EVENT_ID...',
    options: { undispute: { type: 'boolean', description: 'clear the flag instead' }, ...reviewOpts, ...dataOpts },
    examples: ['letopis dispute 42', 'letopis dispute --undispute 42'],
    notes: REVIEW_NOTES,
    load: () => import('./commands/dispute.js'),
  },
  {
    name: 'edit',
    summary: 'correct an event\'s fields; edited fields are locked so resolution and re-extraction keep them',
    usage: 'letopis edit EVENT_ID --set FIELD=VALUE...',
    options: {
      set: { type: 'string', multiple: true, arg: 'FIELD=VALUE', description: 'type, kind, date (2022-09-25, 2022-09, 2022-09-24..2022-09-25), date.precision, place.country, place.region, place.settlement, place.lat, place.lon, actors (a,b), target, counts.KEY, measure, value, qualifier, certainty, attribution (a,b), summary; an empty value clears' },
      ...reviewOpts,
      ...dataOpts,
    },
    examples: ['letopis edit 42 --set date=2022-09-25 --set place.settlement=Ruzayevka', 'letopis edit 42 --set "summary=Two Molotov cocktails thrown into the enlistment office" --set counts.detained=2'],
    notes: REVIEW_NOTES,
    load: () => import('./commands/edit.js'),
  },
  {
    name: 'merge',
    summary: 'merge OTHER_ID into TARGET_ID: one event with the records of both',
    usage: 'letopis merge TARGET_ID OTHER_ID',
    options: { ...actorOpt, format: formatOpt('text|json', 'text'), ...dataOpts },
    examples: ['letopis merge 42 57'],
    notes: 'The other event is kept, pointing at the target. Undo with `letopis split`. Exit code 75 when either event was merged away already.',
    load: () => import('./commands/merge.js'),
  },
  {
    name: 'split',
    summary: 'take one record out of an event into a new draft event',
    usage: 'letopis split EVENT_ID RECORD_ID',
    options: { ...actorOpt, format: formatOpt('text|json', 'text'), ...dataOpts },
    examples: ['letopis split 42 1203'],
    notes: 'Record ids are in `letopis events --format jsonl` (sources) and `letopis history`. Resolution never moves the record back.',
    load: () => import('./commands/split.js'),
  },
  {
    name: 'db',
    summary: 'database maintenance: `db migrate` applies pending migrations, `db status` shows them and the counts',
    usage: 'letopis db migrate|status',
    options: { ...dataOpts },
    examples: ['letopis db status', 'DATABASE_URL=postgres://postgres@127.0.0.1:5432/letopis letopis db migrate'],
    load: () => import('./commands/db.js'),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
