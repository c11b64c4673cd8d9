/** SQLite project store, migrations, journal, importers and dataset exporters. No JavaFX. */
package org.groundwork.storage;
