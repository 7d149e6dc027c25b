package migrations

// TableColumns lists the tables of the schema with their columns, for tests.
var TableColumns = tableColumns
