export declare const minimumRustc: [number, number]
export interface WasmTool {
  what: string
  path: string
  packages: string[]
}
export declare const wasmTools: WasmTool[]
export declare const wasmPackages: string[]
export declare function missingWasmTools(): WasmTool[]
export declare function rustcProblem(): string | undefined
export declare function wasmToolchainProblem(): string | undefined
