#!/usr/bin/env node
import { main, localToday } from '../dist/bundle/main.js';

const { stdout, stderr, env } = process;
// process.stdin is made when first read (a stream over a pipe or a terminal: a millisecond or two of start-up); only
// a command that reads rows on stdin reads it.
const io = { get stdin() { return process.stdin; }, stdout, stderr, env, today: env.TARIFF_TODAY || localToday() };
process.exitCode = await main(process.argv.slice(2), io);
