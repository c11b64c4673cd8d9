/** Box tools, reasoning-chain and severity panels, and the worklist. */
package org.groundwork.annotate.fx;
