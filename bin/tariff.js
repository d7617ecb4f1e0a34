#!/usr/bin/env node
import { main, localToday } from '../dist/bundle/main.js';

const { stdin, stdout, stderr, env } = process;
process.exitCode = await main(process.argv.slice(2), { stdin, stdout, stderr, env, today: env.TARIFF_TODAY || localToday() });
