// Entry point bundled by `pnpm bench` and run in its own Node process: prints one JSON line.
import { benchContract } from './bench-contract'

const requests = Number(process.argv[2] ?? 6000)
console.log(JSON.stringify(await benchContract(requests)))
