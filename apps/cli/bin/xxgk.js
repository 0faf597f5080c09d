#!/usr/bin/env node
// Kept outside dist/ so npm can link the command before the first build.
import process from 'node:process';
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
