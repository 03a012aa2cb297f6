import { createRequire } from 'node:module';

import type * as GraphQL from 'graphql';

/**
 * The graphql instance that Apollo, graphql-ws and @graphql-tools load (Node resolves `graphql` to its
 * CommonJS entry). Under Vitest our own source would get the ESM entry, a second realm that rejects
 * the schema ("Cannot use GraphQLSchema from another module or realm"), so code that touches the
 * schema at runtime takes graphql from here.
 */
export const graphqlRuntime = createRequire(import.meta.url)('graphql') as typeof GraphQL;
