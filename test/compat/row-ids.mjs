// Prints dlt's row-id digests and two random row ids as the sync's hash module makes them on this runtime, as one JSON
// line: SHAKE128 comes from node:crypto, which Node, Bun and Deno each implement themselves.
// Argument: the hash module's file URL.
const [hashModule] = process.argv.slice(-1);
const { loadHashing, randomRowId, shortHash } = await import(hashModule);
await loadHashing();
const inputs = ['{"id":1}', '{"id":1,"l":[1],"v":"a"}', "YzGisRJAO9GRcw_users__items_0"];
console.log(JSON.stringify({ ids: inputs.map((input) => shortHash(input, 10)), tag: shortHash("é".repeat(300), 4), randomIds: [randomRowId(), randomRowId()] }));
