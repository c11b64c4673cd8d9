/** Model SPI, the DJL/PyTorch implementation, training and the suggestion service. No JavaFX. */
package org.groundwork.assist;
