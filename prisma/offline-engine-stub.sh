#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded here. `prisma generate`,
# `validate` and `format` only check that this file exists; migrations are applied by `npm run db:migrate`.
echo "distillery: the Prisma schema engine is not available; use 'npm run db:migrate'" >&2
exit 1
