import { type FileHandle, mkdir, open, readFile, rename } from 'node:fs/promises'
import path from 'node:path'
import type { ErrorCode } from '@crosschain-lending/protocol'

/** What the relayer remembers about a request it was given. */
export type RequestStatusRecord = {
  requestId: string
  status: 'pending' | 'final' | 'failed'
  /** When this record was written (ms since the epoch). */
  at: number
  accountId?: string
  /** The request's deadline: a request still pending after it can never execute. */
  deadline?: number
  transactionHash?: string
  blockHeight?: number
  /** The contract's result, for a final request. */
  outcome?: unknown
  error?: { code: ErrorCode; message: string; details?: string }
}

export type RequestStatusStoreOptions = {
  /** Records older than this are dropped when the log is compacted at open. The chain remembers them. */
  retentionMs?: number
  now?: () => number
}

const fileName = 'requests.jsonl'

/**
 * The relayer's memory of request outcomes, so `GET /v1/requests/:id` survives a restart: an
 * append-only file of JSON lines in the data directory, one record per change, the latest
 * record of an id winning. Each append is on disk (fdatasync) before it resolves; appends that
 * arrive while one is being written go out together in the next write, one sync for all.
 *
 * A crash can tear the last line; it is dropped at open, and the file cut back to the last
 * complete line so the next append starts clean. The file is compacted at open (latest record
 * per id, old ones dropped) once it holds mostly superseded lines.
 *
 * This is a cache of the chain, not the truth: the contract's `get_request` is. Each relayer
 * instance keeps its own directory.
 */
export class RequestStatusStore {
  readonly file: string
  readonly #records: Map<string, RequestStatusRecord>
  readonly #handle: FileHandle
  #queue: { line: string; resolve: () => void; reject: (error: unknown) => void }[] = []
  #flushing: Promise<void> | undefined
  #closed = false

  private constructor(file: string, handle: FileHandle, records: Map<string, RequestStatusRecord>) {
    this.file = file
    this.#handle = handle
    this.#records = records
  }

  static async open(dataDir: string, options: RequestStatusStoreOptions = {}): Promise<RequestStatusStore> {
    const { retentionMs = 7 * 24 * 60 * 60 * 1000, now = Date.now } = options
    await mkdir(dataDir, { recursive: true })
    const file = path.join(dataDir, fileName)
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return ''
      throw error
    })
    // Only complete lines count: whatever follows the last newline is a torn write.
    const complete = text.slice(0, text.lastIndexOf('\n') + 1)
    const records = new Map<string, RequestStatusRecord>()
    let lines = 0
    for (const line of complete.split('\n')) {
      if (!line) continue
      lines++
      const record = parseRecord(line)
      if (record) records.set(record.requestId, record)
    }
    const cutoff = now() - retentionMs
    for (const [id, record] of records) if (record.at < cutoff) records.delete(id)

    if (lines > 1000 && lines > 2 * records.size) {
      await rewrite(file, records)
    } else if (complete.length !== text.length) {
      const handle = await open(file, 'r+')
      await handle.truncate(Buffer.byteLength(complete))
      await handle.datasync()
      await handle.close()
    }
    const handle = await open(file, 'a')
    return new RequestStatusStore(file, handle, records)
  }

  get(requestId: string): RequestStatusRecord | undefined {
    return this.#records.get(requestId)
  }

  /** Records a change; resolves once it is on disk. Visible to `get` at once. */
  record(record: RequestStatusRecord): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('The request-status store is closed.'))
    this.#records.set(record.requestId, record)
    return new Promise((resolve, reject) => {
      this.#queue.push({ line: `${JSON.stringify(record)}\n`, resolve, reject })
      this.#flushing ??= this.#flush()
    })
  }

  async #flush(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue
      this.#queue = []
      try {
        await this.#handle.write(batch.map((entry) => entry.line).join(''))
        await this.#handle.datasync()
        for (const entry of batch) entry.resolve()
      } catch (error) {
        for (const entry of batch) entry.reject(error)
      }
    }
    this.#flushing = undefined
  }

  /** Waits for pending writes, then closes the file. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#flushing
    await this.#handle.close()
  }
}

function parseRecord(line: string): RequestStatusRecord | undefined {
  try {
    const value = JSON.parse(line) as RequestStatusRecord
    const valid = typeof value === 'object' && value !== null && typeof value.requestId === 'string' && ['pending', 'final', 'failed'].includes(value.status) && typeof value.at === 'number'
    return valid ? value : undefined
  } catch {
    // A damaged line in the middle (a disk error) loses that record only; the chain still has it.
    return undefined
  }
}

/** Writes the live records to a new file and swaps it in, so a crash leaves one whole file or the other. */
async function rewrite(file: string, records: Map<string, RequestStatusRecord>): Promise<void> {
  const temporary = `${file}.compact`
  const handle = await open(temporary, 'w')
  await handle.write([...records.values()].map((record) => `${JSON.stringify(record)}\n`).join(''))
  await handle.datasync()
  await handle.close()
  await rename(temporary, file)
  // The rename itself must reach the disk, or a crash could bring the old file back.
  const directory = await open(path.dirname(file), 'r')
  await directory.sync().catch(() => undefined)
  await directory.close()
}
