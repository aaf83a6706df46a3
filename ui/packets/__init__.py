"""The dialogs of the 数据包 page: exporting a packet (county) and importing packets (city)."""
