/**
 * The MCP SDK's own client on `tariff mcp`, spawned from the built CLI as an assistant would (stdio, a clean
 * environment, TARIFF_TODAY fixed), for the MCP end-to-end tests: `useMcpServer()` in a test file connects before its
 * tests and closes after them.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll } from 'vitest';
import { BIN, ROOT } from '../helpers.js';

/** The server's "today" (TARIFF_TODAY), so that dates the tools default to are reproducible. */
export const MCP_TODAY = '2026-11-22';

export interface McpServer {
  /** Calls a tool with these arguments. */
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  /** The connected client (after beforeAll). */
  client(): Client;
}

/** Connects a client to a fresh `tariff mcp` before the file's tests, and closes it after them. */
export function useMcpServer(): McpServer {
  let client: Client | undefined;
  beforeAll(async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'mcp'],
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', TARIFF_TODAY: MCP_TODAY },
      stderr: 'pipe',
    });
    client = new Client({ name: 'tariff-test', version: '0' });
    await client.connect(transport);
  });
  afterAll(async () => {
    await client?.close();
  });
  const connected = (): Client => {
    if (client === undefined) throw new Error('the MCP client is not connected yet (useMcpServer connects in beforeAll)');
    return client;
  };
  return {
    call: async (name, args) => (await connected().callTool({ name, arguments: args })) as CallToolResult,
    client: connected,
  };
}
